package org.loyaltyengine.rules.facts;

/** Inserted by the threshold rules: one set threshold the open card reached ({@code minUnits}, ...). */
public record CardThresholdMet(String threshold) {
}

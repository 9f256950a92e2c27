package org.loyaltyengine.rules.facts;

/**
 * Command: enrol a customer in the card. {@code explicit} is false for customers a bulk enrolment
 * picked up, which are never refused individually.
 */
public record CardEnrol(String customer, boolean explicit) {
}

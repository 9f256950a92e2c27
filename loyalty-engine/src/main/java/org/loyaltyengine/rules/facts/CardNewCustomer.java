package org.loyaltyengine.rules.facts;

/**
 * A customer the engine is creating (SPEC CC-3), with whether an enrolment is on record for the id
 * already: whether the practice enrols them is the rules' to decide ({@link CardAutoEnrolled}).
 */
public record CardNewCustomer(String customer, boolean enrolled) {
}

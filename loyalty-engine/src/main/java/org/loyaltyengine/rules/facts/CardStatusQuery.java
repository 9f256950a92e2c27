package org.loyaltyengine.rules.facts;

/**
 * Inserted when a card's status is read (no command): the threshold rules answer it as a settlement's,
 * and the open card's lines are answered to it alone ({@link CardOpenLines}).
 */
public record CardStatusQuery(String customer) {
}

package org.loyaltyengine.rules.facts;

/**
 * One row of a customer import file (SPEC CU-3, CU-8). {@code mode} is {@code UPDATE} or {@code IGNORE}
 * (what to do with a customer whose number is already known); {@code existingCustomerId} is that
 * customer (null: none or no number); {@code newCustomerId} is the id a created customer gets;
 * {@code firstLineWithNumber} is the earlier line of the same file with the same number (0: none);
 * {@code named} says whether the row gives a name (a file may leave the name out of rows that update).
 */
public record CustomerImportRow(int line, String mode, String number, String existingCustomerId,
                                String newCustomerId, int firstLineWithNumber, boolean named) {
}

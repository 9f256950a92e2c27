package org.loyaltyengine.rules.facts;

/**
 * A host declaring a custom customer field (SPEC CU-1): its name and type, the type it had before
 * (null: new) and how many customers hold a value for it.
 */
public record CustomerFieldDeclaration(String name, String type, String declaredType, long customersWithValue) {
    public boolean changesType() {
        return declaredType != null && !declaredType.equals(type);
    }
}

/**
 * The POS card program's implementation: one class per command on the pipeline's command contract,
 * the receipt as a typed record ({@code Receipt}), and {@link org.loyaltyengine.pos.internal.DefaultPosCards},
 * the facade {@code LoyaltyEngine} hands out. Public only so the engine can construct the facade; not a
 * supported API, may change in any release.
 */
package org.loyaltyengine.pos.internal;

/**
 * The fact model DRL files see: command facts, document and account state, program settings, and
 * the {@link org.loyaltyengine.rules.facts.Decision} collector rules write their decisions to.
 * Records only (plus the collector), so rules read state and cannot change it behind the engine's back.
 */
package org.loyaltyengine.rules.facts;

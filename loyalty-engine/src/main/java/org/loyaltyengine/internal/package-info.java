/**
 * Engine internals: the rule-set registry, the evaluator and the command pipeline. Public only so the
 * program facades in sibling packages can use them; not a supported API, may change in any release.
 */
package org.loyaltyengine.internal;

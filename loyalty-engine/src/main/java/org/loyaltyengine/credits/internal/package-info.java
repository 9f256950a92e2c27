/**
 * The credits program's implementation: its commands on the command pipeline and its reads. Not a supported
 * API, and not exported by the module descriptor.
 */
package org.loyaltyengine.credits.internal;

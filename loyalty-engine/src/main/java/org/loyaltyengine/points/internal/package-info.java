/**
 * The savings points' implementation: one class per command on the pipeline's command contract, the
 * facade that runs them, the reports, and the one mapping of each program document to a typed record.
 * Public only so that {@code LoyaltyEngine} can construct the facade; not a supported API, may change in
 * any release.
 */
package org.loyaltyengine.points.internal;

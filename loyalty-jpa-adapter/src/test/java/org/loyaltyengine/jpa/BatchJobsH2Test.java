package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The batch jobs' suites on H2 (in memory). */
@Tag("SP-25")
@Tag("X-4")
@OnDatabase(TestDatabase.H2)
class BatchJobsH2Test extends DatabaseBatchJobs {
}

package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The batch jobs' suites on PostgreSQL. */
@Tag("SP-25")
@Tag("X-4")
@OnDatabase(TestDatabase.POSTGRESQL)
class BatchJobsPostgresTest extends DatabaseBatchJobs {
}

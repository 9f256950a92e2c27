package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The batch jobs' suites on MariaDB. */
@Tag("SP-25")
@Tag("X-4")
@OnDatabase(TestDatabase.MARIADB)
class BatchJobsMariaDbTest extends DatabaseBatchJobs {
}

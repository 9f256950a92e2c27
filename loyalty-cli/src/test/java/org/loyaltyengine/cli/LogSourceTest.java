package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the tool shows a JDBC URL in its messages, and the H2 URL it opens (SPEC X-11). */
@Tag("X-11")
class LogSourceTest {
    @Test
    void aPasswordInTheUrlIsMasked() {
        assertEquals("jdbc:postgresql://db:5432/shop?user=ana&password=***&ssl=true",
                LogSource.masked("jdbc:postgresql://db:5432/shop?user=ana&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:h2:file:/data/store;USER=sa;PASSWORD=***;LOCK_TIMEOUT=5000",
                LogSource.masked("jdbc:h2:file:/data/store;USER=sa;PASSWORD=s3cr3t;LOCK_TIMEOUT=5000"));
        assertEquals("jdbc:mariadb://ana:***@db:3306/shop", LogSource.masked("jdbc:mariadb://ana:s3cr3t@db:3306/shop"));
        assertEquals("jdbc:mariadb://db:3306/shop", LogSource.masked("jdbc:mariadb://db:3306/shop"));
    }

    @Test
    void h2IsOpenedReadOnlyAndOnlyIfItExists() {
        assertEquals("jdbc:h2:file:/data/store;LOCK_TIMEOUT=5000;IFEXISTS=TRUE;ACCESS_MODE_DATA=r",
                JdbcLog.readOnlyUrl("jdbc:h2:file:/data/store;IFEXISTS=FALSE;LOCK_TIMEOUT=5000;access_mode_data=rw"));
        assertEquals("jdbc:postgresql://db/shop", JdbcLog.readOnlyUrl("jdbc:postgresql://db/shop"));
    }
}

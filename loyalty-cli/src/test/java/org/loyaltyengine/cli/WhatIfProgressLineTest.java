package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The progress line {@code whatif} keeps on a terminal during a long replay: a bar of 20, the count, the rate so
 * far and the time left at that rate (a process's stderr is no terminal, so {@link WhatIfTest} sees none).
 */
@Tag("X-11")
class WhatIfProgressLineTest {
    @Test
    void theLineShowsTheBarTheRateAndTheTimeLeft() {
        // 4,000 of 10,000 in 5 s: 8 of 20 marks, 800/s, 6,000 more at 800/s take 7.5 s, shown as 8 s.
        assertEquals("whatif: baseline [########------------] 4000/10000 commands, 800/s, 8 s left",
                WhatIfCommand.progressLine("baseline", 4000, 10000, 5.0));
        // 500 of 100,000 in 10 s: no mark yet, 50/s, 99,500 more take 1,990 s = 33 min 10 s.
        assertEquals("whatif: candidate [--------------------] 500/100000 commands, 50/s, 33 min 10 s left",
                WhatIfCommand.progressLine("candidate", 500, 100000, 10.0));
        // A tenth done, 2 of 20 marks; 9,000,000 left at 1,000/s: 9,000 s = 2 h 30 min.
        assertEquals("whatif: baseline [##------------------] 1000000/10000000 commands, 1000/s, 2 h 30 min left",
                WhatIfCommand.progressLine("baseline", 1_000_000, 10_000_000, 1000.0));
        assertEquals("whatif: baseline [####################] 500/500 commands, 250/s, 0 s left",
                WhatIfCommand.progressLine("baseline", 500, 500, 2.0));
    }

    @Test
    void theRateOfAReplayIsPrintedWhenItEnds() {
        // 100,000 commands in 52.4 s: 1,908.4 a second, shown as 1908.
        assertEquals("whatif: baseline replayed 100000 commands in 52.4 s, 1908 commands/s",
                WhatIfCommand.rateLine("baseline", 100_000, 52.4));
        // 2,993 in 0.75 s: 3,990.67 a second, shown as 3991; the time to a tenth of a second.
        assertEquals("whatif: candidate replayed 2993 commands in 0.8 s, 3991 commands/s",
                WhatIfCommand.rateLine("candidate", 2993, 0.75));
    }
}

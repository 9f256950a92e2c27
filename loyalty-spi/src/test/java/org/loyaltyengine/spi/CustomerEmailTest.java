package org.loyaltyengine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How customers are found and locked by e-mail address (SPEC CU-7): one address, one form, one digest. */
@Tag("CU-7")
class CustomerEmailTest {
    /** {@code printf 'eva@bos.nl' | sha256sum}, taken outside Java. */
    private static final String EVA = "16968e0f7d0b88d5316e64417357178a0d38e43199ac1f64fb872464b28fa9b5";

    @Test
    void anAddressAsTypedAndAsStored_haveOneDigest() {
        assertEquals("eva@bos.nl", Customers.normalEmail("  Eva@Bos.NL "));
        assertEquals(EVA, Customers.emailDigest("eva@bos.nl"));
        assertEquals(EVA, Customers.emailDigest("  Eva@Bos.NL "));
    }

    @Test
    void noAddress_hasNoDigest() {
        assertNull(Customers.emailDigest(null));
        assertNull(Customers.emailDigest("   "));
        assertNull(Customers.normalEmail(""));
    }
}

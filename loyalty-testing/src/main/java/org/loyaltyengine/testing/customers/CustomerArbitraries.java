package org.loyaltyengine.testing.customers;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomerProfile;

/**
 * jqwik generators of customer documents, from the engine's customer import properties: profiles whose
 * text holds what breaks CSV and spreadsheets (separators, quotes, line breaks in remarks, formula
 * characters, accents), as the input contract allows them.
 */
public final class CustomerArbitraries {
    private CustomerArbitraries() {
    }

    /** A valid profile with a number {@code N1..N999}; names, contacts and addresses one line, remarks maybe not. */
    public static Arbitrary<CustomerProfile> profiles() {
        Arbitrary<String> text = Arbitraries.strings().withChars("abcXYZ é;,\"'\n\r\t=+-@").ofMinLength(1).ofMaxLength(20)
                .filter(t -> !t.isBlank());
        Arbitrary<String> number = Arbitraries.integers().between(1, 999).map(i -> "N" + i);
        Arbitrary<String> email = Arbitraries.of("", "jan@example.nl", "a.b@c-d.be");
        Arbitrary<String> discount = Arbitraries.of("", "0.5", "10", "99.99");
        Arbitrary<List<String>> tags = Arbitraries.of("vip", "horeca", "b2b", "x y").list().ofMaxSize(3);
        // Names, contacts and addresses are one line by the input contract; remarks may hold line breaks.
        Arbitrary<String> line = text.map(t -> t.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '))
                .filter(t -> !t.isBlank());
        Arbitrary<String> remarks = text.injectNull(0.3);
        Arbitrary<String> contact = line.injectNull(0.3);
        return Combinators.combine(number, line, email, discount, tags, remarks, contact, Arbitraries.of(true, false))
                .as((n, name, mail, d, t, r, c, vat) -> CustomerProfile.builder(name).number(n).email(mail)
                        .discountPercent(d).tags(t).remarks(r).orderRemarks(r).contact(c).calculateVat(vat)
                        .deliveryAddress(new Address(c, null, name, null)).build());
    }
}

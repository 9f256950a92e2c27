package org.loyaltyengine.internal;

import java.util.Map;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;

/**
 * One change of program state (documents, cards, settings, customers) an applied decision makes,
 * beside the ledger entries and holds the rules decided. A command returns them from its context and
 * decision alone; the pipeline writes them, after the ledger, and only under keys the command locked.
 *
 * <p>Each write carries what the command read of the row it replaces (a document's version, the card,
 * settings or customer as loaded), and the store writes compare-and-set against it: it remembers
 * nothing of what the transaction read.
 */
public sealed interface Write {
    /**
     * Saves a document. {@code document.version()} is the version the command read (0 for a new
     * document): the store refuses a save over a version that moved, as a compare-and-set.
     */
    record SaveDocument(Document document) implements Write {
    }

    /** Inserts a card whose number the command found free. */
    record InsertCard(Card card) implements Write {
    }

    /** Replaces a card's definition; {@code read} is the card as the command loaded it. */
    record UpdateCard(Card read, Card card) implements Write {
        public UpdateCard {
            Checks.replacing(read, card, Card::number, "card");
        }
    }

    /** Replaces a program's settings with these values; {@code read} is what the command loaded (empty: none). */
    record PutSettings(String program, Map<String, String> read, Map<String, String> values) implements Write {
        public PutSettings {
            read = Map.copyOf(Checks.notNull(read, "settings read"));
            values = Map.copyOf(values);
        }
    }

    /**
     * Inserts a customer ({@code read} null: the command found the id free) or replaces one
     * ({@code read}: the customer as the command loaded it).
     */
    record SaveCustomer(Customer read, Customer customer) implements Write {
        public SaveCustomer {
            if (read != null) {
                Checks.replacing(read, customer, Customer::id, "customer");
            }
        }

        /** A customer the command creates. */
        public static SaveCustomer created(Customer customer) {
            return new SaveCustomer(null, customer);
        }
    }

    static Write save(Document d) {
        return new SaveDocument(d);
    }
}

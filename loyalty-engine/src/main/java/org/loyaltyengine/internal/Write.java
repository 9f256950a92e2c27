package org.loyaltyengine.internal;

import java.util.Map;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;

/**
 * One change of program state (documents, cards, settings, customers) an applied decision makes,
 * beside the ledger entries and holds the rules decided. A command returns them from its context and
 * decision alone; the pipeline writes them, after the ledger, and only under keys the command locked.
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

    /** Replaces a card's definition. */
    record UpdateCard(Card card) implements Write {
    }

    /** Replaces a program's settings with these values. */
    record PutSettings(String program, Map<String, String> values) implements Write {
        public PutSettings {
            values = Map.copyOf(values);
        }
    }

    /** Inserts or replaces a customer. */
    record SaveCustomer(Customer customer) implements Write {
    }

    static Write save(Document d) {
        return new SaveDocument(d);
    }
}

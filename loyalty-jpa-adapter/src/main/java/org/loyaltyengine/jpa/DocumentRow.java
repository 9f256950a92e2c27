package org.loyaltyengine.jpa;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.Document;

/**
 * A business document. {@code doc_version} is the document's own version from the SPI (checked
 * under a row lock), not a JPA {@code @Version}: a stale save is a caller error, not a retry.
 */
@Entity
@Table(name = "le_document")
class DocumentRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "doc_type", nullable = false)
    String type;
    @Column(name = "doc_ref", nullable = false)
    String docId;
    @Column(name = "owner_ref")
    String owner;
    @Column(name = "status", nullable = false)
    String status;
    @Column(name = "doc_date", nullable = false)
    LocalDate date;
    @Column(name = "currency")
    String currency;
    @Column(name = "attributes", nullable = false)
    String attributes;
    @Column(name = "doc_lines", nullable = false)
    String lines;
    @Column(name = "doc_version", nullable = false)
    long version;

    protected DocumentRow() {
    }

    DocumentRow(String tenant, Document d) {
        this.tenant = tenant;
        this.type = d.type();
        this.docId = d.id();
        set(d);
    }

    void set(Document d) {
        this.owner = d.owner();
        this.status = d.status();
        this.date = d.date();
        this.currency = d.currency();
        this.attributes = TextCodec.map(d.attributes());
        this.lines = TextCodec.lines(d.lines());
        this.version = d.version();
    }

    Document toDocument() {
        return new Document(type, docId, owner, status, date, currency, TextCodec.map(attributes),
                TextCodec.lines(lines), version);
    }
}

package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The settings of one program of one tenant, replaced as a whole. */
@Entity
@Table(name = "le_setting")
class SettingRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "program", nullable = false)
    String program;
    @Column(name = "body", nullable = false)
    String body;

    protected SettingRow() {
    }

    SettingRow(String tenant, String program, String body) {
        this.tenant = tenant;
        this.program = program;
        this.body = body;
    }
}

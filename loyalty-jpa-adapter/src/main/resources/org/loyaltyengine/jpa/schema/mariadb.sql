-- Loyalty Engine JPA adapter: schema for MariaDB 10.6 or later.
-- Idempotent: safe to run on every start. The adapter never creates tables itself; the tests run
-- exactly this script. Amounts are NUMERIC(38,10) with their own scale beside them (so 10.00 reads
-- back as 10.00); times are epoch nanoseconds (so an Instant reads back exactly).
-- Column sizes are the input contract's limits (org.loyaltyengine.spi.Limits): tenant, card and
-- customer numbers 64, idempotency keys 200, other identifiers and user names 255, programs, document
-- types and statuses 100, names 255, notes 2000; the value types refuse anything longer.
-- utf8mb4_nopad_bin: keys compare as Java compares them, so "K1" and "k1" are two keys, and so are
-- "k" and "k " (utf8mb4_bin is PAD SPACE: it ignores trailing spaces, and a tenant "shopA " would
-- read and change shopA's rows). A database made with utf8mb4_bin is converted, table by table, with
--   ALTER TABLE <t> CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
-- Run the connections at READ COMMITTED (the server default is REPEATABLE READ).

CREATE TABLE IF NOT EXISTS le_account (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant           VARCHAR(64)  NOT NULL,
  owner_ref        VARCHAR(255) NOT NULL,
  program          VARCHAR(100) NOT NULL,
  unit_kind        VARCHAR(16)  NOT NULL,
  unit_code        VARCHAR(64)  NOT NULL,
  floor_amount     DECIMAL(38,10),
  floor_scale      INTEGER,
  balance          DECIMAL(38,10) NOT NULL,
  balance_scale    INTEGER NOT NULL,
  held             DECIMAL(38,10) NOT NULL,
  held_scale       INTEGER NOT NULL,
  version          BIGINT NOT NULL,
  CONSTRAINT le_account_key UNIQUE (tenant, program, owner_ref, unit_kind, unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- What a command locks for an account key whose account is not opened yet (no le_account row to
-- lock), and for a Locks key: one row per such key, inserted by the first command on it and locked by
-- the later ones. A lock raises lock_count (UPDATE ... SET lock_count = lock_count + 1) rather than
-- only reading the row FOR UPDATE: on one server the update locks the row as FOR UPDATE does, and on a
-- Galera cluster it is a write, so two transactions locking one key through two nodes conflict at
-- certification (a FOR UPDATE locks on its own node only and is not replicated).
CREATE TABLE IF NOT EXISTS le_account_lock (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant           VARCHAR(64)  NOT NULL,
  owner_ref        VARCHAR(255) NOT NULL,
  program          VARCHAR(100) NOT NULL,
  unit_kind        VARCHAR(16)  NOT NULL,
  unit_code        VARCHAR(64)  NOT NULL,
  lock_count       BIGINT DEFAULT 0 NOT NULL,
  CONSTRAINT le_account_lock_key UNIQUE (tenant, program, owner_ref, unit_kind, unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
-- A table made before lock_count gets it; its rows start at 0.
ALTER TABLE le_account_lock ADD COLUMN IF NOT EXISTS lock_count BIGINT DEFAULT 0 NOT NULL;

-- Append-only: the identity is the entry's sequence.
CREATE TABLE IF NOT EXISTS le_ledger_entry (
  seq               BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  account_id        BIGINT       NOT NULL,
  owner_ref         VARCHAR(255) NOT NULL,
  program           VARCHAR(100) NOT NULL,
  unit_kind         VARCHAR(16)  NOT NULL,
  unit_code         VARCHAR(64)  NOT NULL,
  kind              VARCHAR(16)  NOT NULL,
  amount            DECIMAL(38,10) NOT NULL,
  amount_scale      INTEGER NOT NULL,
  document_ref      VARCHAR(255),
  line_ref          VARCHAR(255),
  business_date     DATE NOT NULL,
  recorded_at_nanos BIGINT NOT NULL,
  actor             VARCHAR(255) NOT NULL,
  note              VARCHAR(2000),
  idempotency_key   VARCHAR(200),
  rule_set          VARCHAR(100) NOT NULL,
  rule_version      INTEGER NOT NULL,
  rule_name         VARCHAR(255) NOT NULL,
  hold_ref          VARCHAR(255),
  CONSTRAINT le_ledger_entry_account FOREIGN KEY (account_id) REFERENCES le_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS le_ledger_entry_by_account ON le_ledger_entry (account_id, seq);
CREATE INDEX IF NOT EXISTS le_ledger_entry_by_document ON le_ledger_entry (tenant, document_ref, seq);

CREATE TABLE IF NOT EXISTS le_hold (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  hold_ref          VARCHAR(255) NOT NULL,
  account_id        BIGINT       NOT NULL,
  owner_ref         VARCHAR(255) NOT NULL,
  program           VARCHAR(100) NOT NULL,
  unit_kind         VARCHAR(16)  NOT NULL,
  unit_code         VARCHAR(64)  NOT NULL,
  amount            DECIMAL(38,10) NOT NULL,
  amount_scale      INTEGER NOT NULL,
  document_ref      VARCHAR(255),
  line_ref          VARCHAR(255),
  state             VARCHAR(16)  NOT NULL,
  placed_at_nanos   BIGINT NOT NULL,
  expires_at_nanos  BIGINT,
  settled_at_nanos  BIGINT,
  settled_by        VARCHAR(255),
  settle_rule_set   VARCHAR(100),
  settle_rule_version INTEGER,
  settle_rule_name  VARCHAR(255),
  actor             VARCHAR(255) NOT NULL,
  rule_set          VARCHAR(100) NOT NULL,
  rule_version      INTEGER NOT NULL,
  rule_name         VARCHAR(255) NOT NULL,
  version           BIGINT NOT NULL,
  CONSTRAINT le_hold_key UNIQUE (tenant, hold_ref),
  CONSTRAINT le_hold_account FOREIGN KEY (account_id) REFERENCES le_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS le_hold_pending ON le_hold (tenant, program, owner_ref, unit_kind, unit_code, state);
CREATE INDEX IF NOT EXISTS le_hold_by_document ON le_hold (tenant, document_ref);
CREATE INDEX IF NOT EXISTS le_hold_by_expiry ON le_hold (tenant, state, expires_at_nanos);

-- One terminal transition per hold, backed by the unique key.
CREATE TABLE IF NOT EXISTS le_hold_transition (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  hold_ref          VARCHAR(255) NOT NULL,
  state             VARCHAR(16)  NOT NULL,
  at_nanos          BIGINT NOT NULL,
  CONSTRAINT le_hold_transition_once UNIQUE (tenant, hold_ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One outcome per idempotency key and tenant.
CREATE TABLE IF NOT EXISTS le_outcome (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  idempotency_key   VARCHAR(200) NOT NULL,
  fingerprint       VARCHAR(500) NOT NULL,
  body              LONGTEXT NOT NULL,
  CONSTRAINT le_outcome_key UNIQUE (tenant, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS le_outcome_log ON le_outcome (tenant, id);

CREATE TABLE IF NOT EXISTS le_document (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  doc_type          VARCHAR(100) NOT NULL,
  doc_ref           VARCHAR(255) NOT NULL,
  owner_ref         VARCHAR(255),
  status            VARCHAR(100) NOT NULL,
  doc_date          DATE NOT NULL,
  currency          VARCHAR(16),
  attributes        LONGTEXT NOT NULL,
  doc_lines         LONGTEXT NOT NULL,
  doc_version       BIGINT NOT NULL,
  CONSTRAINT le_document_key UNIQUE (tenant, doc_type, doc_ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS le_document_by_owner ON le_document (tenant, doc_type, owner_ref);

CREATE TABLE IF NOT EXISTS le_setting (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  program           VARCHAR(100) NOT NULL,
  body              LONGTEXT NOT NULL,
  CONSTRAINT le_setting_key UNIQUE (tenant, program)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS le_card (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  card_number       VARCHAR(64)  NOT NULL,
  first_name        VARCHAR(255) NOT NULL,
  last_name         VARCHAR(255) NOT NULL,
  discount_percent  DECIMAL(38,10) NOT NULL,
  discount_scale    INTEGER NOT NULL,
  credit_drawing    BOOLEAN NOT NULL,
  load_onto_card    BOOLEAN NOT NULL,
  currency          VARCHAR(3) NOT NULL,
  card_kind         VARCHAR(16) DEFAULT 'CARD' NOT NULL,
  valid_until       DATE,
  CONSTRAINT le_card_key UNIQUE (tenant, card_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- A table made before vouchers (SPEC PC-12) gets their two columns, and every earlier card is a CARD without
-- an expiry.
ALTER TABLE le_card ADD COLUMN IF NOT EXISTS card_kind VARCHAR(16) DEFAULT 'CARD' NOT NULL;
ALTER TABLE le_card ADD COLUMN IF NOT EXISTS valid_until DATE;

-- A customer number is unique when given; NULLs do not collide on any of the three databases.
CREATE TABLE IF NOT EXISTS le_customer (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  customer_ref      VARCHAR(255) NOT NULL,
  customer_number   VARCHAR(64),
  name              VARCHAR(255) NOT NULL,
  attributes        LONGTEXT NOT NULL,
  email_key         CHAR(64),
  CONSTRAINT le_customer_key UNIQUE (tenant, customer_ref),
  CONSTRAINT le_customer_number UNIQUE (tenant, customer_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
-- A webshop order may find its buyer by e-mail address: email_key is the SHA-256 (hex) of the address as
-- Customers.normalEmail gives it, so the look-up is exact on every database whatever its collation.
CREATE INDEX IF NOT EXISTS le_customer_by_email ON le_customer (tenant, email_key);

-- The command log (SPEC X-11): every command the pipeline executed, applied or rejected, written in the
-- transaction that stores its outcome. The id is the entry's sequence; read by tenant and sequence (paging,
-- export) and by tenant and recorded time (a period).
CREATE TABLE IF NOT EXISTS le_command_log (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant            VARCHAR(64)  NOT NULL,
  idempotency_key   VARCHAR(200) NOT NULL,
  command_name      VARCHAR(100) NOT NULL,
  request_type      VARCHAR(255) NOT NULL,
  actor             VARCHAR(255) NOT NULL,
  actor_permissions LONGTEXT NOT NULL,
  business_date     DATE NOT NULL,
  recorded_at_nanos BIGINT NOT NULL,
  request_body      LONGTEXT NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  rule_set          VARCHAR(100),
  rule_version      INT NOT NULL,
  outcome_body      LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS le_command_log_by_sequence ON le_command_log (tenant, id);
CREATE INDEX IF NOT EXISTS le_command_log_by_time ON le_command_log (tenant, recorded_at_nanos);
CREATE INDEX IF NOT EXISTS le_command_log_by_command ON le_command_log (tenant, command_name, id);

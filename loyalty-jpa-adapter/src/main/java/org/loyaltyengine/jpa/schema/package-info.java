/**
 * The schema scripts, {@code postgresql.sql}, {@code mariadb.sql} and {@code h2.sql}: resources only.
 * This file declares the package so that the module descriptor can open it; a host reads the scripts
 * as class-loader resources, which a named module serves only from a package open to everyone.
 */
package org.loyaltyengine.jpa.schema;

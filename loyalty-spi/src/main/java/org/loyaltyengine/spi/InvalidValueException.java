package org.loyaltyengine.spi;

/** A value handed to the library is malformed: blank, negative where it must be positive, wrong currency. */
public class InvalidValueException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super("INVALID_VALUE", message);
    }

    /** A value the store itself refused (too long, malformed for the column), with the database's error. */
    public InvalidValueException(String message, Throwable cause) {
        super("INVALID_VALUE", message, cause);
    }

    protected InvalidValueException(String code, String message) {
        super(code, message);
    }
}

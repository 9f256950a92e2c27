package org.loyaltyengine.spi;

/** A value handed to the library is malformed: blank, negative where it must be positive, wrong currency. */
public class InvalidValueException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super("INVALID_VALUE", message);
    }

    protected InvalidValueException(String code, String message) {
        super(code, message);
    }
}

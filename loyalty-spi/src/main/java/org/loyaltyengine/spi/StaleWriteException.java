package org.loyaltyengine.spi;

/**
 * A write carried a read that is no longer true: a document saved from a version another transaction
 * has replaced, a card, customer or program's settings changed from a state they are no longer in, or
 * a row created from the finding that there was none while another transaction created it. The store
 * refused it and changed nothing; a caller that read under the row's lock ({@link LockKey}) never
 * meets it, one that did not reads again and decides again.
 *
 * <p>An {@link InvalidValueException}: the write names a state the store does not hold, as a lost
 * update would, and hosts that caught the one for stale document versions keep catching it.
 */
public class StaleWriteException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    public StaleWriteException(String message) {
        super("STALE_WRITE", message);
    }
}

package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosReceipt;

/**
 * The baseline's decision for one POS {@code addItem}: what {@code rules/pos-card/v1/*.drl} decide for
 * that command, written as plain Java over the same fact records. Every rule that can fire for an
 * added item is here (receipt open, line used once, the discount rules, the credit rules, the top-up
 * checks), so the comparison is between two ways of taking the same decision, not between the rules
 * and a shortcut.
 */
final class PlainPosRules {
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private PlainPosRules() {
    }

    /** The decision: rejection codes (with messages), a discount or a reservation, and the rules that fired. */
    record Decision(List<String> rejections, BigDecimal discount, BigDecimal reserve, List<String> fired) {
        boolean rejected() {
            return !rejections.isEmpty();
        }
    }

    static Decision addItem(PosAddItem item, PosReceipt receipt, PosCard card, List<PosItem> items) {
        List<String> rejections = new ArrayList<>(2);
        List<String> fired = new ArrayList<>(2);
        BigDecimal discount = null;
        BigDecimal reserve = null;
        if (!receipt.isOpen()) {
            fired.add("commands need an open receipt");
            rejections.add("RECEIPT_NOT_OPEN: receipt " + receipt.id() + " is " + receipt.status()
                    + "; start a new receipt");
        } else {
            // The receipt's state machine: adding an item leaves an open receipt open.
            fired.add("an open receipt takes items and cards and stays open");
        }
        for (PosItem existing : items) {
            if (existing.lineId().equals(item.lineId())) {
                fired.add("a line id is used once per receipt");
                rejections.add("LINE_EXISTS: receipt " + item.receiptId() + " already has a line " + item.lineId());
                break;
            }
        }
        boolean credit = receipt.inCreditMode();
        boolean onCard = card != null && card.number().equals(receipt.cardNumber());
        if (item.creditItem()) {
            if (item.vatPercent().signum() != 0) {
                fired.add("a credit item carries 0% VAT");
                rejections.add("CREDIT_ITEM_VAT_NOT_ZERO: the credit item must use the 0% VAT category, not "
                        + item.vatPercent().toPlainString() + "%");
            }
            if (receipt.cardNumber() == null) {
                fired.add("a credit item needs a card on the receipt");
                rejections.add("NO_CARD_TO_LOAD: identify the card to load before adding the credit item");
            } else if (onCard && !card.loadOntoCard()) {
                fired.add("a credit item needs a card that can be loaded");
                rejections.add("CARD_NOT_LOADABLE: card " + receipt.cardNumber() + " is not set up to be loaded");
            }
            if (item.manualDiscountPercent() != null) {
                fired.add("a credit item is never discounted");
                rejections.add("DISCOUNT_ON_CREDIT_ITEM: the credit (top-up) item " + item.lineId()
                        + " cannot be discounted");
            }
        } else if (item.manualDiscountPercent() != null) {
            if (credit) {
                fired.add("no discount on an item drawn from credit");
                rejections.add("DISCOUNT_WITH_CREDIT_DRAWING: a discount cannot be combined with credit drawing on"
                        + " receipt " + item.receiptId());
            } else {
                fired.add("cashier's discount on one item");
                discount = percentOf(item.amount(), item.manualDiscountPercent());
            }
        } else if (receipt.inDiscountMode() && onCard && card.discountPercent().signum() > 0) {
            fired.add("card discount on each item while the card is active");
            discount = percentOf(item.amount(), card.discountPercent());
        } else if (credit && onCard) {
            if (card.available().compareTo(item.amount()) >= 0) {
                fired.add("reserve the item's price from the card's credit");
                reserve = item.amount();
            } else {
                fired.add("refuse a draw beyond the available credit");
                rejections.add("INSUFFICIENT_CREDIT: card " + card.number() + " has "
                        + card.available().toPlainString() + " " + card.currency() + " available; the item costs "
                        + item.amount().toPlainString() + " " + card.currency());
            }
        }
        return new Decision(rejections, discount, reserve, fired);
    }

    /** The rules' rounding: the item's own scale, half-up. */
    static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(HUNDRED, amount.scale(), RoundingMode.HALF_UP);
    }
}

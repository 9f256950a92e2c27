package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.EnrolAll;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * Enrols every customer who does not take part yet, each retroactively like {@link EnrolCommand}
 * (SPEC CC-3, CC-4).
 *
 * <p>The enrolments it writes must be locked before anything is read, and the request names no
 * customer; so the customers are listed before the command runs ({@link #candidates}), and the command
 * enrols those of them who still do not take part when it holds their keys. A customer created after
 * that listing is left out, as if created after the bulk enrolment: auto-enrolment (CC-3) or the next
 * bulk enrolment takes them in, never half (enrolled without their sales on the card).
 */
final class EnrolAllCommand implements Command<EnrolAll, Enrolments.Context> {
    private final CardSettingsInForce settingsInForce;
    private final List<String> candidates;

    /** @param candidates the customers without an enrolment as {@link #candidates} listed them */
    EnrolAllCommand(CardSettingsInForce settingsInForce, List<String> candidates) {
        this.settingsInForce = settingsInForce;
        this.candidates = List.copyOf(new TreeSet<>(candidates));
    }

    /** Every customer of the practice who does not take part, by id. */
    static List<String> candidates(StoreView view) {
        Set<String> enrolled = view.documents(CardDocuments.ENROLMENT, null).stream().map(Document::id)
                .collect(Collectors.toSet());
        return view.customers().stream().map(Customer::id).filter(id -> !enrolled.contains(id)).sorted().toList();
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".enrol";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(EnrolAll request) {
        return Permission.of(CustomerCards.ENROL_ALL_PERMISSION);
    }

    /** Each candidate's enrolment. */
    @Override
    public Set<LockKey> keys(EnrolAll request, CommandContext ctx) {
        Set<LockKey> keys = new java.util.HashSet<>();
        candidates.forEach(id -> keys.add(CardDocuments.enrolment(id)));
        return keys;
    }

    /** The card of each customer it enrols (their accounts may open here), as {@link EnrolCommand}. */
    @Override
    public Set<LockKey> keysOf(Enrolments.Context c) {
        return Enrolments.keysOf(c);
    }

    @Override
    public Enrolments.Context load(StoreView view, EnrolAll request, CommandContext ctx) {
        return Enrolments.load(view, settingsInForce.on(view, ctx.businessDate()), candidates, false, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Enrolments.Context context) {
        return Enrolments.accounts(context);
    }

    @Override
    public List<Object> facts(Enrolments.Context context, Map<AccountKey, Account> accounts) {
        return Enrolments.facts(context);
    }

    @Override
    public List<Write> writes(Enrolments.Context context, Decision decision, Applied applied) {
        return Enrolments.writes(context);
    }

    @Override
    public List<AuditSubject> audited(Enrolments.Context context, Decision decision) {
        return Enrolments.audited(context);
    }
}

package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.db.jooq.tables.AlertNotifications;
import gt.dondelocompro.db.jooq.tables.records.AlertNotificationsRecord;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertRules;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static gt.dondelocompro.db.jooq.Tables.ALERT_NOTIFICATIONS;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

/** The outbox on PostgreSQL: written in the re-check's transaction, delivered and marked by the sender after. */
public final class JooqNotificationOutbox implements NotificationOutbox {

    /** The column's room; an operator's error message is cut there. */
    private static final int ERROR_LENGTH = 500;

    private final DSLContext dsl;

    JooqNotificationOutbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public AlertNotification add(AlertNotification n) {
        AlertNotificationsRecord r = dsl.newRecord(ALERT_NOTIFICATIONS);
        r.setId(n.id());
        r.setAlertId(n.alertId());
        r.setRule(n.rule().wireName());
        r.setRuleValue(n.rule().value());
        r.setReason(n.reason().name().toLowerCase(Locale.ROOT));
        r.setProductId(n.product().productId());
        r.setCatalogProductId(n.product().catalogProductId());
        r.setVendorId(n.product().vendorId());
        r.setVendorName(n.product().vendorName());
        r.setProductName(n.product().name());
        r.setUrl(n.product().url());
        r.setAvailability(n.product().availability().wireName());
        r.setPreviousPrice(n.previousPrice() == null ? null : n.previousPrice().amount());
        r.setPrice(n.price().amount());
        r.setCurrency(n.price().currency().getCurrencyCode());
        r.setCreatedAt(n.at());
        r.setSentAt(n.sentAt());
        r.insert();
        Long sequence = dsl.select(ALERT_NOTIFICATIONS.SEQUENCE).from(ALERT_NOTIFICATIONS).where(ALERT_NOTIFICATIONS.ID.eq(n.id()))
                .fetchOne(ALERT_NOTIFICATIONS.SEQUENCE);
        return n.withSequence(sequence);
    }

    @Override
    public List<OutboxEntry> deliverable(Instant now, int limit) {
        AlertNotifications earlier = ALERT_NOTIFICATIONS.as("earlier");
        return dsl.selectFrom(ALERT_NOTIFICATIONS)
                .where(ALERT_NOTIFICATIONS.SENT_AT.isNull(),
                        ALERT_NOTIFICATIONS.NEXT_ATTEMPT_AT.isNull().or(ALERT_NOTIFICATIONS.NEXT_ATTEMPT_AT.le(now)),
                        // an earlier one of the same alert backing off holds the rest back (the alert's order)
                        notExists(selectOne().from(earlier).where(earlier.ALERT_ID.eq(ALERT_NOTIFICATIONS.ALERT_ID),
                                earlier.SENT_AT.isNull(), earlier.SEQUENCE.lt(ALERT_NOTIFICATIONS.SEQUENCE),
                                earlier.NEXT_ATTEMPT_AT.gt(now))))
                .orderBy(ALERT_NOTIFICATIONS.ALERT_ID, ALERT_NOTIFICATIONS.SEQUENCE)
                .limit(limit)
                .fetch(r -> new OutboxEntry(notification(r), r.getAttempts(), r.getNextAttemptAt()));
    }

    @Override
    public void markSent(UUID notificationId, Instant at) {
        dsl.update(ALERT_NOTIFICATIONS).set(ALERT_NOTIFICATIONS.SENT_AT, at).setNull(ALERT_NOTIFICATIONS.NEXT_ATTEMPT_AT)
                .where(ALERT_NOTIFICATIONS.ID.eq(notificationId)).execute();
    }

    @Override
    public void markFailed(UUID notificationId, int attempts, Instant nextAttempt, String error) {
        String cut = error == null ? null : error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
        dsl.update(ALERT_NOTIFICATIONS)
                .set(ALERT_NOTIFICATIONS.ATTEMPTS, attempts)
                .set(ALERT_NOTIFICATIONS.NEXT_ATTEMPT_AT, nextAttempt)
                .set(ALERT_NOTIFICATIONS.LAST_ERROR, cut)
                .where(ALERT_NOTIFICATIONS.ID.eq(notificationId))
                .execute();
    }

    @Override
    public List<AlertNotification> forAlert(UUID alertId) {
        return dsl.selectFrom(ALERT_NOTIFICATIONS).where(ALERT_NOTIFICATIONS.ALERT_ID.eq(alertId))
                .orderBy(ALERT_NOTIFICATIONS.SEQUENCE).fetch(JooqNotificationOutbox::notification);
    }

    static AlertNotification notification(AlertNotificationsRecord r) {
        Currency currency = Currency.getInstance(r.getCurrency());
        return new AlertNotification(r.getId(), r.getAlertId(), r.getSequence(), AlertRule.of(r.getRule(), r.getRuleValue()),
                AlertRules.Reason.valueOf(r.getReason().toUpperCase(Locale.ROOT)),
                new AlertNotification.NotifiedProduct(r.getProductId(), r.getCatalogProductId(), r.getVendorId(), r.getVendorName(),
                        r.getProductName(), r.getUrl(), Availability.fromWireName(r.getAvailability())),
                r.getPreviousPrice() == null ? null : new Money(r.getPreviousPrice(), currency), new Money(r.getPrice(), currency),
                r.getCreatedAt(), r.getSentAt());
    }
}

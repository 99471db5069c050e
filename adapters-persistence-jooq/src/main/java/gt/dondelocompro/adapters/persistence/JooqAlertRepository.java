package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.db.jooq.tables.records.AlertsRecord;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertState;
import gt.dondelocompro.domain.alert.AlertStatus;
import gt.dondelocompro.domain.alert.AlertTarget;
import org.jooq.Condition;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static gt.dondelocompro.db.jooq.Tables.ALERTS;

/** Alerts on PostgreSQL: one row each, its rule state updated by each re-check in the re-check's transaction. */
public final class JooqAlertRepository implements AlertRepository {

    private final DSLContext dsl;

    JooqAlertRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(Alert a) {
        AlertsRecord r = dsl.newRecord(ALERTS);
        r.setId(a.id());
        switch (a.target()) {
            case AlertTarget.CatalogProduct c -> r.setCatalogProductId(c.id());
            case AlertTarget.StoreProduct p -> r.setProductId(p.id());
        }
        r.setRule(a.rule().wireName());
        r.setRuleValue(a.rule().value());
        r.setChannel(a.channel().wireName());
        r.setChannelAddress(a.channel().address());
        r.setStatus(a.status().wireName());
        r.setTokenHash(a.tokenHash());
        r.setSecret(a.secret());
        r.setConfirmationCode(a.confirmationCode());
        r.setSatisfied(a.state().satisfied());
        r.setLastNotifiedPrice(a.state().lastNotifiedPrice());
        r.setBasePrice(a.state().basePrice());
        r.setCreatedAt(a.createdAt());
        r.setUpdatedAt(a.createdAt());
        r.insert();
    }

    @Override
    public Optional<Alert> findById(UUID id) {
        return dsl.selectFrom(ALERTS).where(ALERTS.ID.eq(id)).fetchOptional().map(JooqAlertRepository::alert);
    }

    @Override
    public boolean delete(UUID id) {
        return dsl.deleteFrom(ALERTS).where(ALERTS.ID.eq(id)).execute() > 0;
    }

    @Override
    public int countFor(String channelAddress, AlertTarget target) {
        return dsl.fetchCount(ALERTS, ALERTS.CHANNEL_ADDRESS.eq(channelAddress).and(on(target)));
    }

    @Override
    public List<Alert> activeOn(AlertTarget target) {
        return dsl.selectFrom(ALERTS).where(on(target), ALERTS.STATUS.eq(AlertStatus.ACTIVE.wireName()))
                .orderBy(ALERTS.CREATED_AT, ALERTS.ID).fetch(JooqAlertRepository::alert);
    }

    @Override
    public List<AlertTarget> activeTargets() {
        return dsl.selectDistinct(ALERTS.CATALOG_PRODUCT_ID, ALERTS.PRODUCT_ID).from(ALERTS)
                .where(ALERTS.STATUS.eq(AlertStatus.ACTIVE.wireName()))
                .fetch(r -> r.value1() != null ? new AlertTarget.CatalogProduct(r.value1()) : new AlertTarget.StoreProduct(r.value2()));
    }

    @Override
    public void updateState(UUID id, AlertState state) {
        dsl.update(ALERTS)
                .set(ALERTS.SATISFIED, state.satisfied())
                .set(ALERTS.LAST_NOTIFIED_PRICE, state.lastNotifiedPrice())
                .set(ALERTS.BASE_PRICE, state.basePrice())
                .set(ALERTS.UPDATED_AT, Instant.now())
                .where(ALERTS.ID.eq(id))
                .execute();
    }

    @Override
    public boolean confirm(UUID id, Instant at) {
        return dsl.update(ALERTS)
                .set(ALERTS.STATUS, AlertStatus.ACTIVE.wireName())
                .set(ALERTS.CONFIRMATION_CODE, (String) null)
                .set(ALERTS.CONFIRMED_AT, at)
                .set(ALERTS.UPDATED_AT, at)
                .where(ALERTS.ID.eq(id))
                .execute() > 0;
    }

    @Override
    public List<Alert> confirmationsDue(Instant now, int limit) {
        return dsl.selectFrom(ALERTS)
                .where(ALERTS.STATUS.eq(AlertStatus.PENDING_CONFIRMATION.wireName()), ALERTS.CONFIRMATION_MAILED_AT.isNull(),
                        ALERTS.CONFIRMATION_CODE.isNotNull(),
                        ALERTS.CONFIRMATION_NEXT_AT.isNull().or(ALERTS.CONFIRMATION_NEXT_AT.le(now)))
                .orderBy(ALERTS.CREATED_AT)
                .limit(limit)
                .fetch(JooqAlertRepository::alert);
    }

    @Override
    public void confirmationMailed(UUID id, Instant at) {
        dsl.update(ALERTS).set(ALERTS.CONFIRMATION_MAILED_AT, at).setNull(ALERTS.CONFIRMATION_NEXT_AT)
                .where(ALERTS.ID.eq(id)).execute();
    }

    @Override
    public void confirmationFailed(UUID id, Instant nextAttempt) {
        dsl.update(ALERTS).set(ALERTS.CONFIRMATION_NEXT_AT, nextAttempt).where(ALERTS.ID.eq(id)).execute();
    }

    private static Condition on(AlertTarget target) {
        return switch (target) {
            case AlertTarget.CatalogProduct c -> ALERTS.CATALOG_PRODUCT_ID.eq(c.id());
            case AlertTarget.StoreProduct p -> ALERTS.PRODUCT_ID.eq(p.id());
        };
    }

    static Alert alert(AlertsRecord r) {
        AlertTarget target = r.getCatalogProductId() != null ? new AlertTarget.CatalogProduct(r.getCatalogProductId())
                : new AlertTarget.StoreProduct(r.getProductId());
        return new Alert(r.getId(), target, AlertRule.of(r.getRule(), r.getRuleValue()),
                AlertChannel.fromStorage(r.getChannel(), r.getChannelAddress()), AlertStatus.fromWireName(r.getStatus()),
                r.getCreatedAt(), new AlertState(r.getSatisfied(), r.getLastNotifiedPrice(), r.getBasePrice()),
                r.getTokenHash(), r.getSecret(), r.getConfirmationCode());
    }
}

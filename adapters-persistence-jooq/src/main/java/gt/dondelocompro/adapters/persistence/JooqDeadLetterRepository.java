package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.DeadLetterRepository;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorableText;
import org.jooq.DSLContext;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static gt.dondelocompro.db.jooq.Tables.DEAD_LETTER_SEARCHES;

/** Searches set aside in {@code dead_letter_searches}: the whole search as ASCII JSON ({@link SearchJson}) and why. */
public final class JooqDeadLetterRepository implements DeadLetterRepository {

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqDeadLetterRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public void save(SearchSnapshot search, String reason) {
        Objects.requireNonNull(reason, "reason");
        String payload = SearchJson.write(search);
        // the reason quotes PostgreSQL's message, which may quote the very text it refused
        String storableReason = reason.isBlank() ? "refused" : StorableText.clean(reason);
        transactions.run(() -> dsl.insertInto(DEAD_LETTER_SEARCHES)
                .set(DEAD_LETTER_SEARCHES.SEARCH_ID, search.id())
                .set(DEAD_LETTER_SEARCHES.REASON, storableReason)
                .set(DEAD_LETTER_SEARCHES.PAYLOAD, payload)
                .set(DEAD_LETTER_SEARCHES.SEARCH_CREATED_AT, search.createdAt())
                .onConflictDoNothing()
                .execute());
    }

    @Override
    public Optional<DeadLetter> findById(UUID searchId) {
        return dsl.select(DEAD_LETTER_SEARCHES.PAYLOAD, DEAD_LETTER_SEARCHES.REASON)
                .from(DEAD_LETTER_SEARCHES)
                .where(DEAD_LETTER_SEARCHES.SEARCH_ID.eq(searchId))
                .fetchOptional(r -> new DeadLetter(SearchJson.read(r.value1()), r.value2()));
    }

    @Override
    public long count() {
        return dsl.fetchCount(DEAD_LETTER_SEARCHES);
    }
}

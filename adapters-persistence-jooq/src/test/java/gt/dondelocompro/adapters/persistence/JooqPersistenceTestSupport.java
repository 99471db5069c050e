package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.Persistence;

/** The jOOQ adapters as the contract suites' set of ports. */
final class JooqPersistenceTestSupport {

    private JooqPersistenceTestSupport() {
    }

    static Persistence ports(JooqPersistence jooq) {
        return new Persistence(jooq.searches(), jooq.products(), jooq.catalog(), jooq.categories(), jooq.analytics(), jooq.transactions());
    }
}

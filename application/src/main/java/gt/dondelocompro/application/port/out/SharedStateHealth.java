package gt.dondelocompro.application.port.out;

/** Whether state is shared with other instances ({@code REDIS_URL}), and whether that store answers right now. */
public interface SharedStateHealth {

    /** One process, nothing shared: {@link #enabled()} false. */
    SharedStateHealth NONE = new SharedStateHealth() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean reachable() {
            return false;
        }
    };

    /** False when this instance runs alone. */
    boolean enabled();

    /** The last answer of a cheap probe; false when the shared store does not answer. Must not block. */
    boolean reachable();
}

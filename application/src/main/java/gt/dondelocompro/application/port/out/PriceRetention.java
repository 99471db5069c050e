package gt.dondelocompro.application.port.out;

import java.time.Instant;

/**
 * Old raw prices rolled up into one row per product per day (lowest, highest and last price of the day), then
 * deleted; price history reads both.
 */
public interface PriceRetention {

    /** Rolls up and deletes the raw prices seen before {@code before}; returns how many raw rows were rolled up. */
    long rollUpBefore(Instant before);

    /** Nothing to roll up: memory keeps a bounded number of prices per product anyway. */
    PriceRetention NONE = before -> 0;
}

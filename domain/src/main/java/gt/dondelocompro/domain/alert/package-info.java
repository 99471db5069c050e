/**
 * Price alerts: what a shopper asked to be told ({@link gt.dondelocompro.domain.alert.AlertRule}) about which product
 * ({@link gt.dondelocompro.domain.alert.AlertTarget}) and where ({@link gt.dondelocompro.domain.alert.AlertChannel}),
 * and the pure rules that decide, from each new sighting, whether to tell them ({@link gt.dondelocompro.domain.alert.AlertRules}).
 */
package gt.dondelocompro.domain.alert;

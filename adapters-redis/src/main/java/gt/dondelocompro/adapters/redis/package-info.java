/** The ports that many instances share, on Redis (Lettuce): DESIGN.md, "Many instances". */
package gt.dondelocompro.adapters.redis;

/**
 * The HTTP adapter: Helidon 4 SE routes for the REST contract, server-sent events of a search and the web page.
 * {@link gt.dondelocompro.adapters.http.DondeLoComproHttp} registers everything on a routing builder.
 */
package gt.dondelocompro.adapters.http;

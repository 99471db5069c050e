package gt.dondelocompro.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The routes the adapter registers, as {@code "GET /search/{id}/results"} (and {@code "ANY ..."} for the 405
 * answers), read by handing {@link DondeLoComproHttp#routing} a Helidon routing builder that writes down each
 * route instead of building it and walks into each registered service with its path prefix; static content (any
 * path under its prefix) is written as {@code "GET /web/{file}"}. Anything else it cannot read (a prebuilt route)
 * is written down as {@code "UNREADABLE ..."}, so that a test notices.
 */
final class RecordedRoutes {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "head", "options", "trace", "patch",
            "any");

    private final List<String> routes = new ArrayList<>();

    static List<String> of(HttpUseCases useCases, HttpSettings settings) {
        RecordedRoutes recorded = new RecordedRoutes();
        DondeLoComproHttp.routing(recorded.builder(""), useCases, settings);
        return List.copyOf(recorded.routes);
    }

    private HttpRouting.Builder builder(String prefix) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                String name = method.getName();
                Object[] arguments = args == null ? new Object[0] : args;
                if (VERBS.contains(name)) {
                    String path = arguments.length > 0 && arguments[0] instanceof String p ? p : "";
                    routes.add(name.toUpperCase(Locale.ROOT) + " " + join(prefix, path));
                    return proxy;
                }
                if (name.equals("route")) {
                    if (arguments.length >= 2 && arguments[0] instanceof io.helidon.http.Method verb
                            && arguments[1] instanceof String path) {
                        routes.add(verb.text() + " " + join(prefix, path));
                    } else if (arguments.length == 3 && arguments[0] instanceof java.util.function.Predicate<?> verbs
                            && arguments[1] instanceof io.helidon.http.PathMatcher matcher
                            && matcher.toString().equals("any path")) {
                        // static content: its methods under the prefix, whatever follows it
                        for (String verb : verbs.toString().split(", ")) {
                            routes.add(verb + " " + prefix + "/{file}");
                        }
                    } else {
                        routes.add("UNREADABLE " + prefix + " " + List.of(arguments));
                    }
                    return proxy;
                }
                if (name.equals("register")) {
                    String path = arguments.length > 0 && arguments[0] instanceof String p ? join(prefix, p) : prefix;
                    for (Object argument : arguments) {
                        for (Object service : argument instanceof Object[] many ? many : new Object[] {argument}) {
                            walk(path, service);
                        }
                    }
                    return proxy;
                }
                if (method.getReturnType().isInstance(proxy)) {
                    // filters, error handlers, features: not routes
                    return proxy;
                }
                throw new UnsupportedOperationException("a recording routing builder cannot " + name);
            }
        };
        return (HttpRouting.Builder) Proxy.newProxyInstance(HttpRouting.Builder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class}, handler);
    }

    private void walk(String prefix, Object service) {
        if (service instanceof HttpService s) {
            s.routing(builder(prefix));
        } else if (service instanceof Supplier<?> supplier) {
            walk(prefix, supplier.get());
        } else if (service instanceof List<?> list) {
            list.forEach(s -> walk(prefix, s));
        }
    }

    private static String join(String prefix, String path) {
        if (path.isEmpty()) {
            return prefix.isEmpty() ? "/" : prefix;
        }
        return prefix + path;
    }
}

package gt.dondelocompro.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of the JDK's AOT cache (JDK 25, JEPs 483, 514 and 515): {@code ./mvnw package} runs
 * <pre>java -XX:AOTCacheOutput=target/dondelocompro.aot -cp target/dondelocompro.jar gt.dondelocompro.bootstrap.AotTraining</pre>
 * which starts the service as {@code java -jar dondelocompro.jar --demo} does (its demo stores answering at once),
 * asks what a shopper's first visit asks (the page, the stores, a search followed to its end, its results,
 * analytics, health), and stops; then the same on the database of {@code DLC_AOT_TRAINING_DATABASE_URL} when it is
 * set (a start-up on a current schema: the pool, the driver, jOOQ), skipped with a warning when that database does
 * not answer. At exit the JVM writes the classes it loaded and linked and the methods' profiles to the cache, which
 * {@code scripts/run.sh} hands to later starts with {@code -XX:AOTCache}.
 */
public final class AotTraining {

    static final String DATABASE_VARIABLE = "DLC_AOT_TRAINING_DATABASE_URL";
    private static final System.Logger LOG = System.getLogger(AotTraining.class.getName());
    private static final Pattern SEARCH_ID = Pattern.compile("\"search_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Main.configureLogging();
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DLC_DEMO", "true"));
        train(env);
        String database = System.getenv(DATABASE_VARIABLE);
        if (database != null && !database.isBlank()) {
            env.put("DATABASE_URL", database);
            try {
                train(env);
            } catch (ConfigException e) {
                LOG.log(Level.WARNING, "AOT training without the database: {0}", e.getMessage());
            }
        }
        ShutdownLogManager.shutdownDone();
    }

    private static void train(Map<String, String> env) throws IOException, InterruptedException {
        try (DondeLoComproApp app = DondeLoComproApp.startWithFastDemo(AppConfig.from(env));
             HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://localhost:" + app.port();
            for (String path : List.of("/", "/web/app.js", "/web/app.css", "/health", "/vendors")) {
                get(client, base + path);
            }
            HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create(base + "/search?use_cache=false"))
                    .timeout(ANSWER_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"licuadora oster\", \"max_results\": 10}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = SEARCH_ID.matcher(started.body());
            if (started.statusCode() != 200 || !id.find()) {
                throw new IllegalStateException("the training search was not started: " + started.statusCode() + " " + started.body());
            }
            String search = base + "/search/" + id.group(1);
            // the event stream ends after "completed"
            try (InputStream events = client.send(HttpRequest.newBuilder(URI.create(search + "/events")).timeout(ANSWER_TIMEOUT)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
                events.transferTo(OutputStream.nullOutputStream());
            }
            for (String path : List.of("/results", "/results?in_stock=true")) {
                get(client, search + path);
            }
            for (String path : List.of("/analytics/vendor-performance?days=30", "/analytics/popular-searches?days=7", "/health")) {
                get(client, base + path);
            }
        }
    }

    private static void get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 500) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + " in the AOT training run");
        }
    }
}

package gt.dondelocompro.bootstrap;

import java.util.Map;
import java.util.logging.LogManager;

/** {@code java -jar dondelocompro.jar [--demo]}: reads the configuration, starts the service, stops it on SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        DondeLoComproApp app;
        try {
            app = start(System.getenv(), args);
        } catch (ConfigException e) {
            System.err.println("DondeLoCompro cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("DondeLoCompro cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            ShutdownLogManager.shutdownDone();
        }, "shutdown"));
    }

    /** What {@link #main} does with these variables and arguments, minus the exit codes and the shutdown hook. */
    public static DondeLoComproApp start(Map<String, String> env, String... args) {
        AppConfig config = AppConfig.from(env, args);
        System.getLogger(Main.class.getName()).log(System.Logger.Level.INFO, "configuration: {0}", config);
        return DondeLoComproApp.start(config);
    }

    /** One line per record, unless the operator brought a logging configuration of their own. */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s: %5$s%6$s%n");
            try {
                LogManager.getLogManager().readConfiguration();
            } catch (java.io.IOException e) {
                // keep the JDK's defaults
            }
        }
    }
}

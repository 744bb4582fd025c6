package dev.tessera.server;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code tessera start [--dev] [--http-port N] …}: every setting as a flag, the same as its TESSERA_* variable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommandSpec start = CommandSpec.create().name("start");
        start.usageMessage().description("Runs the Tessera authorization server in the foreground.");
        for (Setting s : Setting.values()) {
            OptionSpec.Builder o = OptionSpec.builder(s.flag()).description(s.description() + " (env " + s.env() + ")");
            if (s == Setting.DEV) o.arity("0..1").type(String.class).fallbackValue("true");
            else o.arity("1").type(String.class).paramLabel("VALUE");
            start.addOption(o.build());
        }
        start.mixinStandardHelpOptions(true);
        CommandSpec root = CommandSpec.create().name("tessera").addSubcommand("start", start);
        root.mixinStandardHelpOptions(true);
        CommandLine cl = new CommandLine(root);
        ParseResult result;
        try {
            result = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        }
        if (CommandLine.printHelpIfRequested(result)) return;
        if (!result.hasSubcommand()) {
            cl.usage(System.err);
            System.exit(2);
            return;
        }
        ParseResult sub = result.subcommand();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (sub.hasMatchedOption(s.flag())) flags.put(s, sub.matchedOptionValue(s.flag(), "true"));
        }
        Config config;
        try {
            config = Config.resolve(System.getenv(), flags);
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Signals are handled from the first moment: a SIGTERM during start-up waits for the start to end,
        // then stops as after it. Whatever close() throws (even a class that no longer loads because the
        // jar was replaced), the process exits; a watchdog ends a drain that hangs.
        CompletableFuture<Tessera> started = new CompletableFuture<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (!stopping.compareAndSet(false, true)) return;
            Thread watchdog = new Thread(() -> {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
                System.err.println("Tessera did not stop within 60 s; exiting");
                Runtime.getRuntime().halt(1);
            }, "tessera-shutdown-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            int status = 0;
            try {
                Tessera t = started.join();
                t.close();
            } catch (Throwable e) {
                status = 1;
                try {
                    System.err.println("Tessera stopped with an error: " + e);
                } catch (Throwable ignored) {
                    // nothing more can be said
                }
            } finally {
                try {
                    flushLogs();
                } catch (Throwable ignored) {
                    // the logs are what they are
                }
                Runtime.getRuntime().halt(status);
            }
        };
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> new Thread(shutdown, "tessera-shutdown").start());
            } catch (IllegalArgumentException ignored) {
                // signal not available on this platform
            }
        }
        // stdout carries only JSON log lines; the human banner (URLs, generated secrets) goes to stderr
        try {
            started.complete(Tessera.start(config, Clock.systemUTC(), System.err));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Tessera could not start: {}", e.getMessage(), e);
            System.err.println("Tessera could not start: " + e.getMessage());
            flushLogs();
            Runtime.getRuntime().halt(1);
        }
    }

    /** Writes the log lines still queued (halt skips shutdown hooks). */
    private static void flushLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }
}

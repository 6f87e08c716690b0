package dev.ordersprofiles.local;

import dev.ordersprofiles.local.aws.LocalCredentials;
import dev.ordersprofiles.local.template.TemplateException;
import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code local-stack [options]}: starts the local stack and runs until Ctrl-C. Bad input (unknown option,
 * unreadable template, port in use, unreachable endpoint) is one line on stderr and exit status 2.
 */
public final class Main {
    private Main() {
    }

    private static String store(LocalOptions options, String base) {
        String where = options.dynamodbEndpoint().map(e -> "DynamoDB at " + e)
                .orElse(options.store().inMemory() ? "embedded dynalite, in memory (--in-memory)"
                        : "embedded dynalite, persisted in " + options.dataDir().resolve("dynamodb"));
        return where + "; its API: aws dynamodb list-tables --endpoint-url " + base;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        LocalOptions options;
        try {
            options = LocalOptions.parse(List.of(args));
        } catch (LocalOptions.HelpRequested help) {
            System.out.println(LocalOptions.USAGE);
            return;
        } catch (IllegalArgumentException bad) {
            fail(bad.getMessage());
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (BindException e) {
            fail("port " + options.port() + " on " + options.host() + " is in use; stop what uses it or pass --port");
            return;
        } catch (TemplateException e) {
            fail(e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            fail(describe(e));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        String base = "http://" + options.host() + ":" + stack.port();
        System.out.printf("""
                [local] local stack for %s ready in %d ms on %s
                [local]   API:        %s %s (token: POST %s/_local/token)
                [local]   console:    %s/_local/ (executions, logs, metrics, tables)
                [local]   docs:       %s/docs/
                [local]   try it:     http://localhost:%d/docs/try.html (sign up on the local Hosted UI, place an order)
                [local]   Lambda API: aws lambda list-functions --endpoint-url %s
                [local]               (SigV4 with access key id %s%s, any region)
                [local]   store:      %s
                [local] Ctrl-C stops it.
                """, options.template(), (System.nanoTime() - started) / 1_000_000, base, base,
                String.join(", ", stack.routePaths()), base, base, base, stack.port(), base,
                options.credentials().accessKeyId(),
                options.credentials().equals(LocalCredentials.DEFAULT) ? ", secret local" : " and the secret given",
                store(options, base));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static void fail(String message) {
        System.err.println("local-stack: " + message);
        System.exit(2);
    }
}

package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * The execution environments of one function: child JVMs ({@link FunctionProcess}) started on demand, kept warm
 * between invocations and reused one invocation at a time, up to the function's reserved concurrency or the
 * stack's cap per function, whichever is lower. Past that, invocations wait for a free environment.
 */
final class FunctionProcesses implements AutoCloseable {
    private final FunctionDef function;
    private final Settings settings;
    private final int cap;
    private final Deque<FunctionProcess> idle = new ArrayDeque<>();
    private final Set<FunctionProcess> all = new HashSet<>();
    private int starting;
    private boolean closed;

    /**
     * How children are started.
     *
     * @param java the {@code java} executable (the stack's own by default)
     * @param runtimeClasspath the Runtime Interface Client and its libraries
     * @param endpointPort the stack's port, for {@code AWS_ENDPOINT_URL} (known once the server listens)
     * @param maxPerFunction the cap on environments of one function
     */
    record Settings(Path java, List<Path> runtimeClasspath, String region, String accessKeyId, String secretAccessKey,
                    IntSupplier endpointPort, int maxPerFunction, Path scratch, Path nativeLibrary) {

        /** The system property naming the runtime client's JNI library, instead of its own extraction. */
        static final String NATIVE_LIBRARY_PROPERTY =
                "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

        /** The stack's own java and the runtime client copied beside the stack's classes or jar (local/pom.xml). */
        static Settings beside(String region, String accessKeyId, String secretAccessKey, IntSupplier endpointPort,
                               int maxPerFunction) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path folder = runtimeFolder();
            List<Path> jars;
            try (Stream<Path> files = Files.list(folder)) {
                jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new IllegalStateException("the Lambda runtime client is missing: no folder " + folder
                        + " (build the stack with ./mvnw -pl local -am package)", e);
            }
            try {
                Path scratch = Files.createTempDirectory("local-stack-task");
                return new Settings(java, jars, region, accessKeyId, secretAccessKey, endpointPort, maxPerFunction,
                        scratch, nativeLibrary(jars, scratch));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The runtime client's JNI library, unpacked once for all children. Left to itself, each child copies it
         * to the one fixed path {@code /tmp/.libaws-lambda-jni.so} (replacing it) and loads it from there: on
         * Lambda one process does that, here a burst of cold starts overwrote the file other children had just
         * mapped, and they died of SIGBUS in the dynamic loader. The client loads the file its system property
         * names instead ({@link #NATIVE_LIBRARY_PROPERTY}).
         */
        static Path nativeLibrary(List<Path> jars, Path folder) throws IOException {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
            boolean musl;
            try (Stream<Path> lib = Files.exists(Path.of("/lib")) ? Files.list(Path.of("/lib")) : Stream.empty()) {
                musl = lib.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-"));
            }
            String entry = "jni/libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so";
            for (Path jar : jars) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    java.util.zip.ZipEntry found = zip.getEntry(entry);
                    if (found != null) {
                        Path target = folder.resolve("libaws-lambda-jni.so");
                        try (var in = zip.getInputStream(found)) {
                            Files.copy(in, target);
                        }
                        return target;
                    }
                }
            }
            throw new IllegalStateException("the Lambda runtime client has no " + entry + " for this machine");
        }

        private static Path runtimeFolder() {
            try {
                Path code = Path.of(FunctionProcesses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return code.getParent().resolve("lambda-runtime");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The command Lambda's Java runtime runs, with its JVM flags: the heap is 85 % of the memory size. */
        List<String> command(FunctionDef function) {
            Path code = function.code().orElseThrow(() -> new IllegalStateException(
                    function.logicalId() + " has no CodeUri: a function process needs the function's code"));
            if (!Files.exists(code)) {
                throw new IllegalStateException(function.logicalId() + ": CodeUri " + code
                        + " does not exist (build it first, e.g. ./mvnw -pl handlers package)");
            }
            List<String> classpath = new ArrayList<>();
            classpath.add(code.toString());
            if (Files.isDirectory(code)) {
                classpath.add(code.resolve("lib").toString() + File.separator + "*");
            }
            runtimeClasspath.forEach(jar -> classpath.add(jar.toString()));
            return List.of(java.toString(),
                    "-XX:MaxHeapSize=" + (function.memoryMb() * 1024L * 85 / 100) + "k",
                    "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Djava.net.preferIPv4Stack=true", "-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeLibrary,
                    "-cp", String.join(File.pathSeparator, classpath),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", function.handler());
        }

        /**
         * The child's whole environment: the template's variables, then the ones Lambda reserves (they win, as on
         * Lambda), and the one endpoint of every AWS API the stack serves.
         */
        Map<String, String> environment(FunctionDef function, String runtimeApi, int sequence) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            env.put("_HANDLER", function.handler());
            env.put("AWS_REGION", region);
            env.put("AWS_DEFAULT_REGION", region);
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + String.format("%032x", sequence));
            env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
            env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpointPort.getAsInt());
            env.put("LAMBDA_TASK_ROOT", taskRoot(function).toString());
            return env;
        }

        /** The working directory: the code folder itself, or an empty folder for a jar (Lambda's /var/task). */
        Path taskRoot(FunctionDef function) {
            Path code = function.code().orElseThrow();
            return Files.isDirectory(code) ? code : scratch;
        }
    }

    FunctionProcesses(FunctionDef function, Settings settings) {
        this.function = function;
        this.settings = settings;
        this.cap = Math.max(1, Math.min(settings.maxPerFunction(),
                function.reservedConcurrency().orElse(settings.maxPerFunction())));
    }

    /**
     * Runs one invocation in a warm environment, or a new one (a cold start) when none is free; past the cap it
     * waits for one (as Lambda would scale out) and runs {@code hasEnvironment} once it has one: the function's
     * timeout counts from there, not from the wait.
     */
    InvocationResult run(byte[] payload, String requestId, Runnable hasEnvironment) {
        FunctionProcess process;
        try {
            process = acquire();
            hasEnvironment.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ErrorDocument.timeout(requestId, function.timeoutSeconds());
        } catch (IOException | RuntimeException e) {
            return ErrorDocument.of(e);
        }
        try {
            return process.invoke(payload, requestId);
        } finally {
            release(process);
        }
    }

    private FunctionProcess acquire() throws InterruptedException, IOException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the local stack is stopping");
                }
                while (!idle.isEmpty()) {
                    FunctionProcess warm = idle.pop();
                    if (warm.usable()) {
                        return warm;
                    }
                    all.remove(warm);
                    warm.close();
                }
                if (all.size() + starting < cap) {
                    starting++;
                    break;
                }
                wait();
            }
        }
        FunctionProcess started = null;
        try {
            started = FunctionProcess.start(function, settings);
            return started;
        } finally {
            synchronized (this) {
                starting--;
                if (started != null) {
                    if (closed) {
                        started.close();
                    } else {
                        all.add(started);
                    }
                }
                notifyAll();
            }
        }
    }

    private void release(FunctionProcess process) {
        synchronized (this) {
            if (process.usable() && !closed) {
                idle.push(process);
            } else {
                all.remove(process);
                process.close();
            }
            notifyAll();
        }
    }

    /** Environments now running (idle or busy). */
    synchronized int size() {
        return all.size();
    }

    @Override
    public void close() {
        List<FunctionProcess> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(all);
            all.clear();
            idle.clear();
            notifyAll();
        }
        stopping.forEach(FunctionProcess::close);
    }
}

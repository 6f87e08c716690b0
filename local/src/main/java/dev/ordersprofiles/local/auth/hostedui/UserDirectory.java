package dev.ordersprofiles.local.auth.hostedui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local user pool's users and refresh tokens, kept in one JSON file ({@code users.json} in the given folder),
 * rewritten whole through a temporary file and an atomic rename on every change, so a crash leaves the old file or
 * the new one, never half of one. Without a folder (the stack's {@code --in-memory}) nothing is written. Passwords
 * are kept as Argon2id hashes ({@link PasswordHasher}) and refresh tokens as their SHA-256, so the file holds
 * nothing that signs anyone in.
 */
final class UserDirectory {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A user; {@code username} is the normalised sign-in name (the lower-cased email in an email pool). */
    record User(String sub, String username, String email, String passwordHash, boolean confirmed,
                String confirmationCode, long codeExpiresEpoch, long createdEpoch) {
        User confirm() {
            return new User(sub, username, email, passwordHash, true, null, 0, createdEpoch);
        }
    }

    /** A refresh token, by the SHA-256 of its value. */
    record RefreshToken(String tokenHash, String sub, String clientId, String originJti, String eventId,
                        long authTimeEpoch, List<String> scopes, long expiresEpoch) {
    }

    record Contents(List<User> users, List<RefreshToken> refreshTokens) {
    }

    private final Optional<Path> file;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new LinkedHashMap<>();

    private UserDirectory(Optional<Path> file) {
        this.file = file;
    }

    /** The directory kept in {@code folder} (loaded if it exists), or in memory only when empty. */
    static UserDirectory in(Optional<Path> folder) {
        UserDirectory directory = new UserDirectory(folder.map(f -> f.resolve("users.json")));
        directory.file.filter(Files::isRegularFile).ifPresent(path -> {
            try {
                Contents contents = JSON.readValue(Files.readString(path, StandardCharsets.UTF_8), Contents.class);
                for (User user : contents.users() == null ? List.<User>of() : contents.users()) {
                    directory.users.put(user.username(), user);
                }
                for (RefreshToken token : contents.refreshTokens() == null ? List.<RefreshToken>of()
                        : contents.refreshTokens()) {
                    directory.refreshTokens.put(token.tokenHash(), token);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the local user pool " + path + ": " + e.getMessage(), e);
            }
        });
        return directory;
    }

    synchronized Optional<User> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    synchronized Optional<User> userBySub(String sub) {
        return users.values().stream().filter(u -> u.sub().equals(sub)).findFirst();
    }

    /** Adds {@code user}; false (and nothing changes) when its username is taken. */
    synchronized boolean add(User user) {
        if (users.containsKey(user.username())) {
            return false;
        }
        users.put(user.username(), user);
        save();
        return true;
    }

    synchronized void replace(User user) {
        users.put(user.username(), user);
        save();
    }

    synchronized void addRefreshToken(String token, RefreshToken record) {
        refreshTokens.entrySet().removeIf(e -> e.getValue().expiresEpoch() < record.authTimeEpoch());
        refreshTokens.put(hash(token), new RefreshToken(hash(token), record.sub(), record.clientId(),
                record.originJti(), record.eventId(), record.authTimeEpoch(), record.scopes(), record.expiresEpoch()));
        save();
    }

    synchronized Optional<RefreshToken> refreshToken(String token) {
        return Optional.ofNullable(refreshTokens.get(hash(token)));
    }

    /** Forgets a refresh token; true if it was known. */
    synchronized boolean revokeRefreshToken(String token) {
        boolean known = refreshTokens.remove(hash(token)) != null;
        if (known) {
            save();
        }
        return known;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "users", ".json.tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's own permissions apply.
                }
                byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                        new Contents(new ArrayList<>(users.values()), new ArrayList<>(refreshTokens.values())));
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true); // on disk before the rename makes it the file
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local user pool " + target, e);
        }
    }
}

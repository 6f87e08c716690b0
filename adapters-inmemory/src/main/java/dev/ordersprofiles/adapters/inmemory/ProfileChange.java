package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.domain.profile.Profile;

/**
 * One write to the profile store. {@code oldImage} is null on INSERT, {@code newImage} is null on REMOVE.
 */
public record ProfileChange(Type type, Profile oldImage, Profile newImage) {
    public enum Type { INSERT, MODIFY, REMOVE }
}

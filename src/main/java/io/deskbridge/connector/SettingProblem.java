package io.deskbridge.connector;

/** What is wrong with one setting; the runtime adds the file and line it stands on. */
public record SettingProblem(String setting, String message) {}

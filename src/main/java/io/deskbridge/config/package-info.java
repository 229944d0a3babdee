/**
 * Reading what ops edit: the configuration directory, YAML parsed with the line and column of every
 * value, and problems reported as file:line:column with the field at fault, all at once rather than
 * the first one only. Features read their own files with these primitives.
 */
package io.deskbridge.config;

/**
 * The {@code csv} connector kind: partners whose systems only export and import files. It watches
 * the partner's drop folder (local or SFTP), reads each file in the partner's own dialect (detected
 * delimiter, charset and header), turns every row into a canonical change through the partner's
 * inbound mapping, reports the rows that fail next to the input, and writes the manufacturer's
 * changes back as CSV files the partner's import can take, one atomic file at a time.
 */
package io.deskbridge.connector.csv;

package io.deskbridge.connector.csv;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One row as a record: column name to value, backed by the row's own field array and the file's
 * shared column index, so a row costs no map entries of its own. An empty cell is no value: in a
 * file every row has every column, and an empty one must not clear or default a field on update.
 */
final class ColumnValues extends AbstractMap<String, String> {

  /** The columns of one file, in order, with their positions. */
  static final class Columns {
    private final List<String> names;
    private final Map<String, Integer> positions;

    Columns(List<String> names) {
      this.names = List.copyOf(names);
      this.positions = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        positions.putIfAbsent(names.get(i), i);
      }
    }

    List<String> names() {
      return names;
    }

    int size() {
      return names.size();
    }
  }

  private final Columns columns;
  private final String[] values;

  ColumnValues(Columns columns, String[] values) {
    this.columns = columns;
    this.values = values;
  }

  @Override
  public String get(Object key) {
    Integer at = columns.positions.get(key);
    if (at == null || at >= values.length) {
      return null;
    }
    String value = values[at];
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < columns.size()
                && (i >= values.length || values[i] == null || values[i].isEmpty())) {
              i++;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < columns.size();
          }

          @Override
          public Entry<String, String> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<String, String> entry = Map.entry(columns.names.get(next), values[next]);
            next = advance(next + 1);
            return entry;
          }
        };
      }

      @Override
      public int size() {
        int size = 0;
        for (int i = 0; i < Math.min(values.length, columns.size()); i++) {
          if (values[i] != null && !values[i].isEmpty()) {
            size++;
          }
        }
        return size;
      }
    };
  }
}

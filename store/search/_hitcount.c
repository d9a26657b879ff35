/* quotedesk_hits(search, phrases, columns): an FTS5 auxiliary function that counts, in the row being matched, the
 * places of the query's first `phrases` phrases in the fields whose bits are set in `columns`; places that overlap
 * count once (see `store.search.fts5.hits_column`). It reads the word positions the index has at hand for the
 * match, where counting them in SQL reads every position of each word again, row by row (four to five times the
 * time of `quotedesk search` for common words).
 *
 * `register(connection)` adds the function to a `sqlite3.Connection`. The module calls the same SQLite library as
 * Python's `sqlite3` module or nothing: it checks that both resolve one `sqlite3_libversion`, and reads the
 * connection's handle where CPython keeps it, the first field of its `sqlite3.Connection` object. Built at install
 * (see the project's `hatch_build.py`), with SOURCE_CRC32, the CRC-32 of this file, so that an edited source is
 * never answered by an older library. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdlib.h>

#ifndef SOURCE_CRC32
#define SOURCE_CRC32 0
#endif

/* The start of CPython's `pysqlite_Connection`: the database handle is its first field in every version. */
typedef struct {
    PyObject_HEAD
    sqlite3 *db;
} ConnectionHead;

typedef struct {
    int column, start, stop;
} Place;

static int place_order(const void *a, const void *b) {
    const Place *x = a, *y = b;
    if (x->column != y->column) return x->column < y->column ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static void count_hits(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc,
                       sqlite3_value **argv) {
    if (argc != 2) {
        sqlite3_result_error(context, "quotedesk_hits(search, phrases, columns) takes two arguments", -1);
        return;
    }
    int phrases = sqlite3_value_int(argv[0]);
    sqlite3_int64 columns = sqlite3_value_int64(argv[1]);
    int count = 0, rc = api->xInstCount(fts, &count);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    Place *places = count ? sqlite3_malloc64(sizeof(Place) * (sqlite3_uint64)count) : NULL;
    if (count && !places) {
        sqlite3_result_error_nomem(context);
        return;
    }
    int kept = 0, ordered = 1;
    for (int i = 0; i < count; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc != SQLITE_OK) {
            sqlite3_free(places);
            sqlite3_result_error_code(context, rc);
            return;
        }
        if (phrase >= phrases || column < 0 || column > 62 || !((columns >> column) & 1)) continue;
        Place place = {column, offset, offset + api->xPhraseSize(fts, phrase)};
        if (kept && place_order(&places[kept - 1], &place) > 0) ordered = 0;
        places[kept++] = place;
    }
    if (!ordered) qsort(places, (size_t)kept, sizeof(Place), place_order);  /* FTS5 lists them in order */
    sqlite3_int64 hits = 0;
    int column = -1, end = 0;
    for (int i = 0; i < kept; i++) {
        if (places[i].column != column) {
            column = places[i].column;
            end = places[i].start;
        }
        if (places[i].start >= end) hits++;
        if (places[i].stop > end) end = places[i].stop;
    }
    sqlite3_free(places);
    sqlite3_result_int64(context, hits);
}

/* Does Python's `sqlite3` module call this very library (not a copy of SQLite of its own)? */
static int same_library(void) {
    PyObject *module = PyImport_ImportModule("_sqlite3");
    if (!module) return -1;
    PyObject *file = PyObject_GetAttrString(module, "__file__");
    Py_DECREF(module);
    if (!file) {
        PyErr_Clear();
        return 0;  /* built into the interpreter: its SQLite cannot be told apart from a copy */
    }
    const char *path = PyUnicode_AsUTF8(file);
    if (!path) {
        Py_DECREF(file);
        return -1;
    }
    void *handle = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
    Py_DECREF(file);
    if (!handle) return 0;
    void *theirs = dlsym(handle, "sqlite3_libversion");
    dlclose(handle);
    return theirs != NULL && theirs == (void *)&sqlite3_libversion;
}

static PyObject *register_hits(PyObject *module, PyObject *connection) {
    (void)module;
    PyObject *sqlite3_module = PyImport_ImportModule("sqlite3");
    if (!sqlite3_module) return NULL;
    PyObject *connection_type = PyObject_GetAttrString(sqlite3_module, "Connection");
    Py_DECREF(sqlite3_module);
    if (!connection_type) return NULL;
    /* the object's own type, not what its __class__ claims: the handle is read from its memory */
    int is_connection = PyType_Check(connection_type) &&
                        PyObject_TypeCheck(connection, (PyTypeObject *)connection_type);
    Py_DECREF(connection_type);
    if (!is_connection) {
        PyErr_SetString(PyExc_TypeError, "register() takes a sqlite3.Connection");
        return NULL;
    }
    int same = same_library();
    if (same < 0) return NULL;
    sqlite3 *db = ((ConnectionHead *)connection)->db;
    if (!same || !db) Py_RETURN_FALSE;  /* another SQLite, or a closed connection */
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (!api || api->iVersion < 2) Py_RETURN_FALSE;
    if (api->xCreateFunction(api, "quotedesk_hits", NULL, count_hits, NULL) != SQLITE_OK) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

static PyMethodDef methods[] = {
    {"register", register_hits, METH_O,
     "register(connection) -> bool: add quotedesk_hits() to the connection's full-text tables; False where this "
     "library is not the connection's SQLite."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {PyModuleDef_HEAD_INIT, "_hitcount", NULL, -1, methods};

PyMODINIT_FUNC PyInit__hitcount(void) {
    PyObject *module = PyModule_Create(&definition);
    if (module && PyModule_AddIntConstant(module, "SOURCE_CRC32", (long)SOURCE_CRC32) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

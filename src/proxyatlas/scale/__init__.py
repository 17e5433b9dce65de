"""Scale-out: extraction on a Dask cluster (`dask_ingest`); the PostgreSQL store lives in
`proxyatlas.store.db`."""

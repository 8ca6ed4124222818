"""The site hub: one PostgreSQL database that a site's desks enrol with (issue 16).

A desk never waits for the hub; the hub is where a site's desks meet. This package holds the
hub's schema and its administration (`schema`, `admin`), the connection rules every desk and
administrator share (`connection`: TLS with the server's certificate verified, never a password
on the command line), and a desk's enrolment, kept inside the desk's encrypted store
(`enrolment`). PostgreSQL is reached with psycopg 3, the maintained PostgreSQL adapter.
"""

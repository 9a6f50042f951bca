CREATE TABLE documents (
  id TEXT NOT NULL,
  source_file TEXT,
  sha256 TEXT,
  schema_version TEXT,
  pages INTEGER,
  kind TEXT,
  title TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  language TEXT,
  date TEXT,
  symbol TEXT,
  session INTEGER,
  cycle INTEGER,
  producer TEXT,
  PRIMARY KEY (id)
);

CREATE INDEX ix_documents_state_iso3 ON documents (state_iso3);

CREATE INDEX ix_documents_kind ON documents (kind);

CREATE TABLE sections (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  number TEXT,
  title TEXT,
  level INTEGER,
  parent TEXT,
  page_start INTEGER,
  page_end INTEGER,
  themes TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE TABLE paragraphs (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  section TEXT,
  page INTEGER,
  kind TEXT,
  number TEXT,
  text TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE TABLE footnotes (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  number TEXT,
  endnote INTEGER,
  text TEXT,
  paragraphs TEXT,
  anchors TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE TABLE citations (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  kind TEXT,
  text TEXT,
  identifier TEXT,
  footnote TEXT,
  paragraph TEXT,
  parsed TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_citations_kind_identifier ON citations (kind, identifier);

CREATE INDEX ix_citations_state_iso3 ON citations (state_iso3);

CREATE TABLE legal_articles (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  article TEXT,
  sub TEXT,
  instrument TEXT,
  instrument_kind TEXT,
  instrument_aliases TEXT,
  n_mentions INTEGER,
  mentions TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_legal_articles_instrument_article ON legal_articles (instrument, article);

CREATE INDEX ix_legal_articles_state_iso3 ON legal_articles (state_iso3);

CREATE TABLE cases (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  name TEXT,
  kind TEXT,
  aliases TEXT,
  roles TEXT,
  legal_articles TEXT,
  events TEXT,
  n_mentions INTEGER,
  mentions TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_cases_name ON cases (name);

CREATE INDEX ix_cases_state_iso3 ON cases (state_iso3);

CREATE TABLE recommendations (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  number TEXT,
  text TEXT,
  section TEXT,
  themes TEXT,
  groups TEXT,
  action_verb TEXT,
  action_category INTEGER,
  recommending_states TEXT,
  recommending_iso3 TEXT,
  position TEXT,
  legal_articles TEXT,
  origin TEXT,
  paragraphs TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_recommendations_state_iso3 ON recommendations (state_iso3);

CREATE INDEX ix_recommendations_doc_kind ON recommendations (doc_kind);

CREATE INDEX ix_recommendations_position ON recommendations (position);

CREATE TABLE themes (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  label TEXT,
  taxonomy TEXT,
  dimension TEXT,
  sections TEXT,
  recommendations TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE TABLE contributors (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  abbreviation TEXT,
  name TEXT,
  kind TEXT,
  paragraphs TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE TABLE follow_ups (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  numbers TEXT,
  report TEXT,
  subject TEXT,
  state_response TEXT,
  status TEXT,
  text TEXT,
  cues TEXT,
  citations TEXT,
  paragraph TEXT,
  footnote TEXT,
  bbox TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_follow_ups_state_iso3 ON follow_ups (state_iso3);

CREATE INDEX ix_follow_ups_status ON follow_ups (status);

CREATE TABLE warnings (
  document_id TEXT NOT NULL,
  id TEXT NOT NULL,
  source_file TEXT,
  doc_kind TEXT,
  organisations TEXT,
  state TEXT,
  state_iso3 TEXT,
  page INTEGER,
  code TEXT,
  message TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_warnings_code ON warnings (code);

CREATE TABLE document_organisations (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  organisation TEXT,
  PRIMARY KEY (document_id, position),
  FOREIGN KEY (document_id) REFERENCES documents(id)
);

CREATE INDEX ix_document_organisations_organisation ON document_organisations (organisation);

CREATE TABLE recommendation_themes (
  document_id TEXT NOT NULL,
  recommendation_id TEXT NOT NULL,
  theme TEXT NOT NULL,
  PRIMARY KEY (document_id, recommendation_id, theme),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, recommendation_id) REFERENCES recommendations(document_id, id)
);

CREATE INDEX ix_recommendation_themes_theme ON recommendation_themes (theme);

CREATE TABLE recommendation_groups (
  document_id TEXT NOT NULL,
  recommendation_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (document_id, recommendation_id, group_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, recommendation_id) REFERENCES recommendations(document_id, id)
);

CREATE INDEX ix_recommendation_groups_group_id ON recommendation_groups (group_id);

CREATE TABLE recommendation_states (
  document_id TEXT NOT NULL,
  recommendation_id TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (document_id, recommendation_id, state),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, recommendation_id) REFERENCES recommendations(document_id, id)
);

CREATE INDEX ix_recommendation_states_state ON recommendation_states (state);

CREATE TABLE recommendation_legal_articles (
  document_id TEXT NOT NULL,
  recommendation_id TEXT NOT NULL,
  legal_article_id TEXT NOT NULL,
  PRIMARY KEY (document_id, recommendation_id, legal_article_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, recommendation_id) REFERENCES recommendations(document_id, id)
);

CREATE INDEX ix_recommendation_legal_articles_document_id_legal_article_id ON recommendation_legal_articles (document_id, legal_article_id);

CREATE TABLE follow_up_numbers (
  document_id TEXT NOT NULL,
  follow_up_id TEXT NOT NULL,
  number TEXT NOT NULL,
  PRIMARY KEY (document_id, follow_up_id, number),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, follow_up_id) REFERENCES follow_ups(document_id, id)
);

CREATE INDEX ix_follow_up_numbers_number ON follow_up_numbers (number);

CREATE TABLE case_legal_articles (
  document_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  legal_article_id TEXT NOT NULL,
  PRIMARY KEY (document_id, case_id, legal_article_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (document_id, case_id) REFERENCES cases(document_id, id)
);

CREATE INDEX ix_case_legal_articles_document_id_legal_article_id ON case_legal_articles (document_id, legal_article_id);

//! Errors as the API answers them: a status and `{code, message}` in
//! Chinese (with the form field at fault, when there is one), never
//! internals; what the core refuses keeps its code.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shuxiang_core::Error;

/// An error as the API answers it: a status and `{code, message}`.
#[derive(Debug)]
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The form field at fault, when one is.
    pub(crate) field: Option<String>,
}

impl ApiError {
    pub(crate) fn internal() -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "主机内部出错，请稍后再试；如一再出现，请联系阅览室。".into(),
            field: None,
        }
    }

    /// A request the host cannot read: bad JSON, a wrong type, too large.
    pub(crate) fn unreadable(status: StatusCode) -> ApiError {
        let (status, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
            (status, "请求太大，主机不予处理。")
        } else {
            (StatusCode::BAD_REQUEST, "请求的格式不对，主机无法读取。")
        };
        ApiError {
            status,
            code: "invalid",
            message: message.into(),
            field: None,
        }
    }

    pub(crate) fn timed_out() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: "主机正忙，这次请求没能按时完成，请稍后再试。".into(),
            field: None,
        }
    }

    pub(crate) fn operator_needed() -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthenticated",
            message: "请先用操作员账号登录（登录已过期时请重新登录）。".into(),
            field: None,
        }
    }

    pub(crate) fn unauthenticated() -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthenticated",
            message: "请先用借书证号和 PIN 登录（登录已过期时请重新登录）。".into(),
            field: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match e.code() {
            "not_found" => StatusCode::NOT_FOUND,
            "invalid" => StatusCode::BAD_REQUEST,
            "conflict" => StatusCode::CONFLICT,
            "forbidden" => StatusCode::FORBIDDEN,
            "unauthenticated" => StatusCode::UNAUTHORIZED,
            "too_many_attempts" => StatusCode::TOO_MANY_REQUESTS,
            _ => return ApiError::internal(),
        };
        ApiError {
            status,
            code: e.code(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        ApiError::unreadable(r.status())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::unreadable(r.status())
    }
}

impl From<axum::extract::rejection::FormRejection> for ApiError {
    fn from(r: axum::extract::rejection::FormRejection) -> ApiError {
        ApiError::unreadable(r.status())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::unreadable(r.status())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(match self.field {
                Some(field) => {
                    serde_json::json!({ "code": self.code, "message": self.message, "field": field })
                }
                None => serde_json::json!({ "code": self.code, "message": self.message }),
            }),
        )
            .into_response()
    }
}

pub(crate) type ApiResult<T> = Result<Json<T>, ApiError>;

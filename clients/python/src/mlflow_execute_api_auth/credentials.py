"""AWS credentials from botocore's default chain, refreshed by botocore as they near expiry."""

from __future__ import annotations

import threading
from typing import Any, Optional

from .errors import CredentialsNotFoundError


class DefaultChainCredentials:
    """Frozen credentials for one signature at a time, from one botocore session's default chain."""

    def __init__(self, session: Any = None) -> None:
        # The session is created on first use, so importing the plugin never touches the environment.
        self._session = session
        self._lock = threading.Lock()

    def _botocore_session(self) -> Any:
        with self._lock:
            if self._session is None:
                import botocore.session

                self._session = botocore.session.get_session()
            return self._session

    def frozen(self) -> Any:
        """Access key, secret and token that belong together, refreshed first if botocore says they expire soon."""
        # botocore caches the resolved provider (and refreshes role credentials: SageMaker's rotate hourly);
        # nothing is kept here beyond the session, so a rotation is seen by the very next request.
        credentials = self._botocore_session().get_credentials()
        if credentials is None:
            raise CredentialsNotFoundError(
                "No AWS credentials found by botocore's default chain (environment, AWS profile, container or "
                "instance role). In SageMaker the execution role provides them; elsewhere set AWS_PROFILE or "
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY."
            )
        return credentials.get_frozen_credentials()

    def profile_region(self) -> Optional[str]:
        """The region of the AWS profile in use (botocore's `region` setting), if any."""
        region = self._botocore_session().get_config_variable("region")
        return region or None
